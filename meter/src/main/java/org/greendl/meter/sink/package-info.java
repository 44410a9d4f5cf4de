/**
 * Where results go: {@link org.greendl.meter.sink.CsvSink} (CodeCarbon v3's emissions.csv columns, then
 * greendl's; atomic rewrites after every sample) and {@link org.greendl.meter.sink.JsonLinesSink} (one line per
 * task).
 */
package org.greendl.meter.sink;
