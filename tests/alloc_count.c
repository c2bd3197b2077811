/* See alloc_count.h. Without a sanitizer, malloc & co are replaced here and
 * forward to glibc's own entry points; free(NULL) is not counted. */
#define _GNU_SOURCE
#include "alloc_count.h"

#include <stddef.h>

#if defined(__SANITIZE_ADDRESS__)
#define BALUN_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BALUN_ASAN 1
#endif
#endif

static volatile int counting;
static volatile long calls;

#ifdef BALUN_ASAN
#include <sanitizer/allocator_interface.h>

static void on_malloc(const volatile void *p, size_t n)
{
  (void)p, (void)n;
  if (counting) ++calls;
}

static void on_free(const volatile void *p)
{
  if (counting && p) ++calls;
}

static void install_hooks(void)
{
  static int installed;
  if (!installed)
    installed = __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
}
#else
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

void *malloc(size_t n)
{
  if (counting) ++calls;
  return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
  if (counting) ++calls;
  return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
  if (counting) ++calls;
  return __libc_realloc(p, n);
}

void free(void *p)
{
  if (counting && p) ++calls;
  __libc_free(p);
}

static void install_hooks(void) {}
#endif

void alloc_count_begin(void)
{
  install_hooks();
  calls = 0;
  counting = 1;
}

long alloc_count_end(void)
{
  counting = 0;
  return calls;
}
