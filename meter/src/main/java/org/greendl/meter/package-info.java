/**
 * greendl's energy and carbon meter: {@link org.greendl.meter.Tracker} sessions configured by
 * {@link org.greendl.meter.TrackerConfig}, returning {@link org.greendl.meter.Measurement}s. No DJL dependency.
 */
package org.greendl.meter;
