package org.greendl.profile;

import java.util.Map;

/**
 * Totals of a profile. {@code params} are learnable tensors as torchvision counts them (batch norm's
 * running mean and variance are buffers, not parameters; their bytes are {@code bufferBytes});
 * {@code frozenParams = params - trainableParams}; {@code weightBytesByType} splits {@code weightBytes} by
 * data type ("float32", "float16", "int8", ...). {@code effectiveMacs} is -1 unless sparsity was measured.
 */
public record ProfileTotals(long params, long trainableParams, long macs, long flops, long activationBytes,
        long weightBytes, Map<String, Long> weightBytesByType, long bufferBytes, long effectiveMacs) {

    public long frozenParams() {
        return params - trainableParams;
    }
}
