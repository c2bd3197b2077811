/* What a path's schematic and its headphone stage share: where the line's
 * parts sit, small notes, and which stage clips (§11). */
#ifndef BALUN_GUI_SCHEMATIC_PARTS_H
#define BALUN_GUI_SCHEMATIC_PARTS_H

#include "draw.h"
#include "state.h"

#define NOTE_SIZE   (TEXT_SMALL - 1)
#define CLIP_MARK_W 36.0 /* the CLIP mark and its gap */

/* Where things are in one schematic's line part: source, cable and
 * receiver (the whole width, or its left part when a headphone stage
 * follows the receiver). */
typedef struct {
  double src0, src1, rcv0, rcv1; /* the two chassis, x */
  double top, bottom;            /* the chassis, y */
  double hot, cold;              /* the conductors, y */
  double sh_top, sh_bot;         /* the shield, y */
  double ground;                 /* the safety-ground wire, y */
  bool compact;                  /* room for one note per chassis */
} geometry;

/* Which stage of a path clips a 0 dBFS programme first, if any (§11):
 * the chain's headroom is the smaller of the receiver's and the
 * amplifier's. */
typedef enum { CLIPS_NONE, CLIPS_RECEIVER, CLIPS_AMPLIFIER } clipping_stage;

clipping_stage clipping_stage_of(const balun_ui *ui, int path);

/* The mark on the stage that clips. */
void clip_mark(cairo_t *cr, double x, double y);

/* A note in the schematic's small type; the first of `texts` that fits. */
void note(cairo_t *cr, const char *text, double x, double y, double w,
          text_align align);
void note_fitting(cairo_t *cr, const char *const *texts, int n, double x,
                  double y, double w, text_align align);

/* Where the receiver's output leaves it, y. */
double receiver_output_y(const geometry *g, const balun_interface *ifc);

#endif
