#include "world.h"

#include "host.h"

LilvWorld *world;

int world_setup(void **state)
{
  (void)state;
  world = host_world();
  return world ? 0 : -1;
}

int world_teardown(void **state)
{
  (void)state;
  lilv_world_free(world);
  world = NULL;
  return 0;
}
