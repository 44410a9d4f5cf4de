/** Value types for energy, power, carbon intensity and emissions: no raw doubles across module boundaries. */
package org.greendl.meter.unit;
