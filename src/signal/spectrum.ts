/**
 * Power spectra of evenly sampled series: Welch's averaged periodogram (Welch 1967,
 * doi:10.1109/TAU.1967.1161901) with a Hann window, and FFT band-pass filtering.
 */
import { fft, nextPowerOfTwo } from './fft';

/** A one-sided power spectrum: power[k] at frequency k × dfHz. */
export interface Spectrum {
  readonly dfHz: number;
  readonly power: Float64Array;
}

function hann(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i += 1) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / Math.max(1, n - 1));
  return w;
}

/**
 * Welch power spectral density: Hann-windowed segments of `segmentLength` samples overlapping by
 * half, each mean-removed, periodograms averaged. Units: value² per Hz (one-sided, unnormalised
 * at DC and Nyquist — only peak positions and power ratios are used here).
 * @param values - evenly sampled series
 * @param fsHz - its sampling rate
 * @param segmentLength - samples per segment (clamped to the series length)
 * @param nfft - FFT length ≥ segment (zero padding refines the frequency grid, not the resolution)
 */
export function welchPsd(values: ArrayLike<number>, fsHz: number, segmentLength: number, nfft?: number): Spectrum {
  const seg = Math.max(2, Math.min(segmentLength, values.length));
  const size = nextPowerOfTwo(Math.max(nfft ?? seg, seg));
  const window = hann(seg);
  let scale = 0;
  for (const w of window) scale += w * w;
  const power = new Float64Array(size / 2 + 1);
  const step = Math.max(1, Math.floor(seg / 2));
  let segments = 0;
  for (let start = 0; start + seg <= values.length; start += step) {
    let meanValue = 0;
    for (let i = 0; i < seg; i += 1) meanValue += values[start + i];
    meanValue /= seg;
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    for (let i = 0; i < seg; i += 1) re[i] = (values[start + i] - meanValue) * window[i];
    fft(re, im);
    for (let k = 0; k < power.length; k += 1) power[k] += (re[k] ** 2 + im[k] ** 2) / (fsHz * scale);
    segments += 1;
  }
  if (segments > 0) for (let k = 0; k < power.length; k += 1) power[k] = (2 * power[k]) / segments;
  return { dfHz: fsHz / size, power };
}

/**
 * Zero-phase band-pass by FFT: zero-pads to a power of two (at least twice the length, so the
 * circular wrap-around stays outside the signal) and weights each bin by a raised-cosine edge of
 * width `edgeHz` around [lowHz, highHz].
 */
export function bandPass(values: ArrayLike<number>, fsHz: number, lowHz: number, highHz: number, edgeHz = 0.02): Float64Array {
  const n = values.length;
  const size = nextPowerOfTwo(2 * n);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let meanValue = 0;
  for (let i = 0; i < n; i += 1) meanValue += values[i];
  meanValue /= Math.max(1, n);
  for (let i = 0; i < n; i += 1) re[i] = values[i] - meanValue;
  fft(re, im);
  const gain = (f: number) => {
    if (f < lowHz - edgeHz || f > highHz + edgeHz) return 0;
    if (f < lowHz + edgeHz) return 0.5 - 0.5 * Math.cos((Math.PI * (f - lowHz + edgeHz)) / (2 * edgeHz));
    if (f > highHz - edgeHz) return 0.5 - 0.5 * Math.cos((Math.PI * (highHz + edgeHz - f)) / (2 * edgeHz));
    return 1;
  };
  for (let k = 0; k < size; k += 1) {
    const f = (Math.min(k, size - k) * fsHz) / size;
    const g = gain(f);
    re[k] *= g;
    im[k] *= g;
  }
  fft(re, im, true);
  return re.slice(0, n);
}
