package org.greendl.deploy.onnx;

import java.lang.reflect.Field;

/**
 * Reads private fields of DJL blocks that DJL exposes no getter for (batch-norm epsilon, lambda functions).
 * Kept in one place so a DJL upgrade that renames a field fails here, with the field named.
 */
final class Reflect {
    private Reflect() {}

    static Object field(Object target, Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExportException("cannot read " + owner.getSimpleName() + "." + name
                    + " (DJL version changed?): " + e.getMessage(), e);
        }
    }
}
