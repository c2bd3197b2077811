/* The lilv world the host-side tests share: every bundle on LV2_PATH. */
#ifndef BALUN_TEST_WORLD_H
#define BALUN_TEST_WORLD_H

#include <lilv/lilv.h>

extern LilvWorld *world;

/* cmocka group setup and teardown. */
int world_setup(void **state);
int world_teardown(void **state);

#endif
