/* What clipping does to a sine (physics.md §11). */
#include "clip.h"

#include "model.h"

/* A sine of peak 1 cut at c = sin θ0: fundamental b1 = (2/π)(θ0 + c cos θ0),
 * mean square (2/π)((θ0 − sin 2θ0/2)/2 + (π/2 − θ0)c²) (Fourier series of
 * the clipped sine); THD = √(ms − b1²/2) / (b1/√2). */
double clipped_sine_thd_hard(double fraction)
{
  if (!(fraction < 1.0)) return 0.0;
  const double c = fraction > 0.0 ? fraction : 0.0;
  const double t0 = asin(c);
  const double b1 = 2.0 / BALUN_PI * (t0 + c * cos(t0));
  const double ms =
      2.0 / BALUN_PI *
      (0.5 * (t0 - 0.5 * sin(2.0 * t0)) + (0.5 * BALUN_PI - t0) * c * c);
  const double fundamental = 0.5 * b1 * b1;
  return sqrt(fmax(ms - fundamental, 0.0) / fundamental);
}

/* The stage's output for one period of the sine, projected on the
 * fundamental (N points, exact for harmonics below N/2). */
double clipped_sine_thd(double fraction)
{
  enum { N = 4096 };
  const clip_stage stage = clip_stage_at(fraction);
  double re = 0.0, im = 0.0, ms = 0.0;
  for (int i = 0; i < N; ++i) {
    const double th = 2.0 * BALUN_PI * i / N;
    const double y = clip_apply(stage, (float)sin(th));
    re += y * cos(th);
    im += y * sin(th);
    ms += y * y;
  }
  const double fundamental = 2.0 * (re * re + im * im) / ((double)N * N);
  ms /= N;
  return sqrt(fmax(ms - fundamental, 0.0) / fundamental);
}
