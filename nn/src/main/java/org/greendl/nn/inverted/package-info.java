/**
 * Inverted residual with linear bottleneck — method card.
 *
 * <p><b>What it does.</b> Expands a thin tensor (C channels) by t with a 1x1 convolution, filters it with a
 * depthwise 3x3, projects it back with a 1x1 convolution without activation (a "linear bottleneck": ReLU on a
 * thin tensor destroys information), and adds the input when shapes agree. Residuals connect the thin
 * tensors, so memory traffic stays low.
 *
 * <p><b>Paper.</b> Sandler et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks", CVPR 2018;
 * the squeeze-and-excitation option follows MobileNetV3 (Howard et al., ICCV 2019).
 *
 * <p><b>When to use.</b> The default building block of compact CNNs for image classification on CPUs and
 * phones; {@code mobilenet-mini} (28x28) and {@code mobilenet_v2} (torchvision, 224x224) are made of it.
 *
 * <p><b>Settings.</b> {@code setInChannels}, {@code setOutChannels}, {@code optExpansion} (6; torchvision's
 * first block uses 1), {@code optStride} (1 or 2), {@code optKernel} (3), {@code optActivation} ("relu6"),
 * {@code optSqueezeExcite}.
 *
 * <p><b>Measured.</b> torchvision's MobileNetV2 rebuilt from it: 3,504,872 parameters and 300,774,272 MACs
 * at 224x224, equal to the published figures; {@code mobilenet-mini}: 50,410 parameters, 4.88 M MACs (the
 * {@code cnn} baseline: 871,018 and 19.1 M). It trains ({@code CompactTrainingTest}).
 */
package org.greendl.nn.inverted;
