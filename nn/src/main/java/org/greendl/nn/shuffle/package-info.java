/**
 * Grouped convolution with channel shuffle — method card.
 *
 * <p><b>What it does.</b> A convolution split into g groups has g times fewer weights and MACs, but each
 * output sees only its own group's inputs; a channel shuffle (reshape to (g, C/g), transpose, flatten) after
 * it lets the next grouped layer mix information across groups at no arithmetic cost.
 *
 * <p><b>Paper.</b> Zhang et al., "ShuffleNet: An Extremely Efficient Convolutional Neural Network for Mobile
 * Devices", CVPR 2018 (grouped convolution: Krizhevsky et al. 2012, ResNeXt 2017).
 *
 * <p><b>When to use.</b> Expensive 1x1 convolutions in wide networks (they dominate MobileNet-style costs).
 * Groups of 2-8; channels must divide by the groups.
 *
 * <p><b>Settings.</b> {@link org.greendl.nn.shuffle.ShuffleConv}: {@code setOutChannels}, {@code setGroups},
 * {@code optKernel} (1), {@code optStride}, {@code optActivation}; {@link org.greendl.nn.shuffle.ChannelShuffle}
 * alone.
 *
 * <p><b>Measured.</b> 16 to 32 channels, 1x1, 4 groups: 8,192 MACs at 8x8, a quarter of the dense layer's
 * ({@code CompactBlocksTest}).
 */
package org.greendl.nn.shuffle;
