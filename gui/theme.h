/* Colours, line styles and type sizes of the UI, in one place.
 *
 * A and B are told apart by more than hue: A is drawn solid with round
 * markers, B dashed with square markers, and every trace carries its
 * letter. The hues are from the Okabe-Ito palette, which survives the
 * common colour-vision deficiencies. Sizes are logical pixels at 100 %
 * scale; the view multiplies them by ui:scaleFactor. */
#ifndef BALUN_GUI_THEME_H
#define BALUN_GUI_THEME_H

typedef struct {
  double r, g, b;
} ui_colour;

/* Okabe-Ito: sky blue for A, orange for B, vermillion for warnings. */
#define COLOUR_A        ((ui_colour){0.337, 0.706, 0.914})
#define COLOUR_B        ((ui_colour){0.902, 0.624, 0.000})
#define COLOUR_WARN     ((ui_colour){0.835, 0.369, 0.000})
#define COLOUR_GROUND   ((ui_colour){0.000, 0.620, 0.451}) /* bluish green */
#define COLOUR_BG       ((ui_colour){0.118, 0.129, 0.145})
#define COLOUR_PANEL    ((ui_colour){0.161, 0.176, 0.196})
#define COLOUR_WELL     ((ui_colour){0.090, 0.098, 0.110})
#define COLOUR_EDGE     ((ui_colour){0.290, 0.310, 0.340})
#define COLOUR_TEXT     ((ui_colour){0.910, 0.915, 0.925})
#define COLOUR_DIM_TEXT ((ui_colour){0.620, 0.640, 0.670})
#define COLOUR_GRID     ((ui_colour){0.230, 0.245, 0.270})
#define COLOUR_FILL     ((ui_colour){0.380, 0.560, 0.700})
#define COLOUR_ACTIVE   ((ui_colour){0.250, 0.420, 0.560})
#define COLOUR_HOT      ((ui_colour){0.950, 0.950, 0.950})
#define COLOUR_COLD     ((ui_colour){0.700, 0.720, 0.760})
#define COLOUR_SHIELD   ((ui_colour){0.560, 0.580, 0.610})
#define COLOUR_HEARING  ((ui_colour){0.800, 0.475, 0.655}) /* reddish purple */

/* What a control that does not apply is drawn at. */
#define GREYED_ALPHA 0.38

/* Type sizes. */
#define FONT_FACE  "DejaVu Sans"
#define TEXT_SMALL 11.0
#define TEXT_BODY  12.0
#define TEXT_TITLE 14.0

/* Dash patterns: A solid, B dashed (logical pixels). */
#define DASH_B_ON  6.0
#define DASH_B_OFF 3.5

#endif
