#pragma once
// Counts every malloc of a test binary, so tests can check that hot paths allocate nothing once
// their buffers are sized. glibc lets an executable interpose malloc; the sanitizers interpose it
// themselves, so DLSIM_COUNT_MALLOC stays undefined in sanitizer builds and the checks that use it
// are left out. This header defines malloc: include it in one file of a test binary only, after
// the other headers (their declarations of these functions must come first).
#include <atomic>
#include <cstddef>
#include <cstdlib>

// After the includes: __GLIBC__ comes from the C library's own headers. gcc says "sanitized" with
// __SANITIZE_ADDRESS__, clang with __has_feature.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DLSIM_SANITIZED 1
#endif
#endif
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(DLSIM_SANITIZED)
#define DLSIM_COUNT_MALLOC 1

namespace dlsim::test {
inline std::atomic<long> allocations{0};

// Allocations made by f.
template <class F>
long allocations_of(F&& f) {
  const long before = allocations.load();
  f();
  return allocations.load() - before;
}
}  // namespace dlsim::test

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* p, size_t size);
void* __libc_memalign(size_t alignment, size_t size);

void* malloc(size_t size) {
  dlsim::test::allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) {
  dlsim::test::allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, size);
}
void* realloc(void* p, size_t size) {
  dlsim::test::allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, size);
}
int posix_memalign(void** out, size_t alignment, size_t size) {
  dlsim::test::allocations.fetch_add(1, std::memory_order_relaxed);
  *out = __libc_memalign(alignment, size);
  return *out ? 0 : 12;  // ENOMEM
}
void* aligned_alloc(size_t alignment, size_t size) {
  dlsim::test::allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_memalign(alignment, size);
}
void* memalign(size_t alignment, size_t size) {
  dlsim::test::allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_memalign(alignment, size);
}
}
#endif
