#include "schematic_parts.h"

#include "draw.h"

void note(cairo_t *cr, const char *text, double x, double y, double w,
          text_align align)
{
  draw_text(cr, text, (ui_rect){x, y, w, 13}, NOTE_SIZE, false, align);
}

/* The first of texts that fits, or none. */
void note_fitting(cairo_t *cr, const char *const *texts, int n, double x,
                  double y, double w, text_align align)
{
  draw_text_fitting(cr, texts, n, (ui_rect){x, y, w, 13}, NOTE_SIZE, false,
                    align);
}

clipping_stage clipping_stage_of(const balun_ui *ui, int path)
{
  const double headroom = ui->figures[path].headroom_db;
  if (!(headroom < 0)) return CLIPS_NONE;
  return ui->receiver_headroom_db[path] <= headroom + 1e-9 ? CLIPS_RECEIVER
                                                           : CLIPS_AMPLIFIER;
}

void clip_mark(cairo_t *cr, double x, double y)
{
  draw_badge(cr, "CLIP", (ui_rect){x, y, 32, 13}, NOTE_SIZE - 1, COLOUR_WARN,
             COLOUR_BG);
}

double receiver_output_y(const geometry *g, const balun_interface *ifc)
{
  return ifc->balanced_receiver ? (g->hot + g->cold) / 2 : g->hot;
}
