/**
 * Energy sources behind one small interface, {@link org.greendl.meter.source.EnergySource}: RAPL through the
 * powercap tree ({@link org.greendl.meter.source.RaplSource}), NVIDIA GPUs through NVML via JNA
 * ({@link org.greendl.meter.source.NvmlSource} over the {@link org.greendl.meter.source.Nvml} binding), and
 * labelled estimates ({@link org.greendl.meter.source.CpuEstimateSource},
 * {@link org.greendl.meter.source.RamEstimateSource}). Each probe returns the source or the reason it is
 * unavailable ({@link org.greendl.meter.source.Probe}); {@link org.greendl.meter.source.Sources} picks one per
 * component.
 */
package org.greendl.meter.source;
