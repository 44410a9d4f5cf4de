/**
 * Grid carbon intensity from greendl's own table (countries by ISO alpha-3, cloud regions, world default), with
 * the origin of every figure. No network.
 */
package org.greendl.meter.carbon;
