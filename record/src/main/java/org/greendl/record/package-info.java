/**
 * The run record, the contract between greendl's modules: {@link org.greendl.record.RunRecord} and
 * {@link org.greendl.record.SelectionRecord} with typed blocks per kind, read and written by
 * {@link org.greendl.record.RunRecords} with the one shared Jackson configuration ({@link org.greendl.record.Json})
 * and the one atomic writer ({@link org.greendl.record.AtomicFiles}); the kinds and stop reasons a record can
 * carry ({@link org.greendl.record.Kind}, {@link org.greendl.record.StopReason}); and the {@code qat.json} format
 * ({@link org.greendl.record.QatScales}). Field by field in {@code docs/run-record.md}. Depends on Jackson only, so
 * any module, and any reader of records, can use it without DJL or an engine.
 */
package org.greendl.record;
