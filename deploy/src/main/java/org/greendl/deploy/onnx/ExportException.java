package org.greendl.deploy.onnx;

/** The model cannot be exported; the message is one line that names the block (by path and type). */
public final class ExportException extends RuntimeException {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
