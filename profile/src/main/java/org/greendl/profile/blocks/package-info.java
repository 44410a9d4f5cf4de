/**
 * Block descriptors: what greendl knows about each block type, found one way.
 *
 * <p><b>The shape.</b> A {@link org.greendl.profile.blocks.BlockDescriptor} names one block kind (the
 * model.json type where it has one: {@code conv2d}, {@code inverted-residual}, ...) and holds that kind's
 * parts, keyed by the part's interface, or the stated reason it has none
 * ({@link org.greendl.profile.blocks.BlockDescriptor#without}). Each module contributes the parts of its own
 * layer of concern through one {@link org.greendl.profile.blocks.BlockDescriptorProvider}, listed in its
 * {@code META-INF/services/org.greendl.profile.blocks.BlockDescriptorProvider}:
 *
 * <ul>
 *   <li>greendl-profile: the profiler counters ({@link org.greendl.profile.LayerCounter}) of DJL core blocks;
 *   <li>greendl-nn: counter and spec codec ({@code org.greendl.nn.spec.BlockCodec}) of every greendl-nn block
 *       ({@code org.greendl.nn.NnBlocks}), and the codecs of DJL core blocks;
 *   <li>greendl-deploy: the ONNX converters ({@code org.greendl.deploy.onnx.BlockConverter});
 *   <li>greendl-compress: the structured-pruning rewrites, or why a kind has none.
 * </ul>
 *
 * Contributions to one kind are merged, so {@code conv2d} is one descriptor with four parts while the modules
 * stay layered (profile and nn at the ground, deploy and compress above, neither seeing the other).
 *
 * <p><b>Lookup.</b> {@link org.greendl.profile.blocks.BlockDescriptors#find} takes a block and a part type and
 * returns the part of the first descriptor, in order, whose part handles that block: run-time registrations
 * ({@code LayerCounters.register}, {@code BlockSpecs.register}), then the modules' descriptors, then DJL core
 * blocks' (a provider with {@code core() == true}), so a module can take over a core block. Within a provider,
 * specific kinds come before the general ones they extend.
 *
 * <p><b>Adding a block.</b> One descriptor per module that has something to say about it, under the same
 * kind; the zoo test in greendl-cli fails for any zoo block that lacks a counter, codec, converter, or a
 * pruning rewrite or reason.
 */
package org.greendl.profile.blocks;
