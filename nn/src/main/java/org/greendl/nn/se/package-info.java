/**
 * Squeeze-and-excitation — method card.
 *
 * <p><b>What it does.</b> Learns a weight in (0, 1) per channel from the globally pooled feature map (two
 * small 1x1 convolutions, ReLU then sigmoid) and rescales the channels with it: cheap, input-dependent
 * channel attention.
 *
 * <p><b>Paper.</b> Hu, Shen and Sun, "Squeeze-and-Excitation Networks", CVPR 2018.
 *
 * <p><b>When to use.</b> To buy accuracy for very few MACs in compact CNNs (MobileNetV3, EfficientNet put it
 * inside inverted residuals: {@code InvertedResidual.builder().optSqueezeExcite(true)}). It adds about
 * {@code 2 C^2 / r} parameters; its element-wise scaling costs memory traffic on CPUs.
 *
 * <p><b>Settings.</b> {@code setChannels}, {@code optSqueezeChannels} (default C/4, at least 8).
 *
 * <p><b>Measured.</b> 16 channels squeezed to 4: 148 parameters, 128 MACs ({@code CompactBlocksTest}).
 */
package org.greendl.nn.se;
