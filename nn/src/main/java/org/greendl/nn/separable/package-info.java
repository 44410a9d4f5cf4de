/**
 * Depthwise-separable convolution — method card.
 *
 * <p><b>What it does.</b> Factorizes a k x k convolution into a depthwise k x k convolution (one filter per
 * channel) and a 1x1 pointwise convolution. MACs per output pixel drop from {@code C C' k^2} to
 * {@code C k^2 + C C'}: about {@code 1/C' + 1/k^2} of the dense cost (8-9x less for 3x3).
 *
 * <p><b>Paper.</b> Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision
 * Applications", 2017 (from Sifre 2014 and Chollet's Xception, 2017).
 *
 * <p><b>When to use.</b> Replace 3x3 convolutions with many channels in CNNs meant for CPUs or phones; keep
 * the first convolution dense (few input channels, little to save). Depthwise convolutions have low
 * arithmetic intensity, so wall-time gains are smaller than MAC gains on some back ends.
 *
 * <p><b>Settings.</b> {@code setInChannels}, {@code setOutChannels}, {@code optKernel} (3), {@code optStride}
 * (1), {@code optActivation} ("relu"; "relu6" for MobileNet). Batch norm after each convolution.
 *
 * <p><b>Measured.</b> 16 to 32 channels at 10x10: 65,600 MACs against 460,800 for the dense 3x3
 * ({@code CompactBlocksTest}).
 */
package org.greendl.nn.separable;
