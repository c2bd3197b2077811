/* A 32-bit float WAV writer for balun-render. libsndfile writes float WAV
 * with the 16-byte fmt chunk of PCM files; the WAVE format requires the
 * 18-byte WAVEFORMATEX, with its cbSize, for every non-PCM format
 * (sox warns "wave header missing extended part of fmt chunk" without it,
 * and also, wrongly, for any WAVE_FORMAT_EXTENSIBLE float file). This
 * writes exactly the form sox itself writes: WAVE_FORMAT_IEEE_FLOAT, an
 * 18-byte fmt chunk with cbSize 0, a fact chunk, then the samples as
 * little-endian IEEE 754 singles. */
#ifndef BALUN_WAV_FLOAT_H
#define BALUN_WAV_FLOAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wav_float wav_float;

/* The most frames a file of `channels` can hold: its sizes are 32-bit. */
uint64_t wav_float_max_frames(int channels);

/* Takes over `fd` (closed by wav_float_close, or here on failure). NULL
 * with errno set on failure. */
wav_float *wav_float_open_fd(int fd, int rate, int channels);
/* Appends `frames` interleaved frames; false with errno set on failure. */
bool wav_float_write(wav_float *w, const float *interleaved, size_t frames);
/* Completes the header, syncs the file to disk and closes it; false with
 * errno set if any of that (or an earlier write) failed. */
bool wav_float_close(wav_float *w);

#endif
