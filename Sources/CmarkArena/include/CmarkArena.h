#ifndef LOOM_CMARK_ARENA_H
#define LOOM_CMARK_ARENA_H

#include <stddef.h>

/// A bump allocator for one cmark document: cmark allocates every node and string on its own and frees them
/// one by one; here a document's memory comes from a few large blocks released together.
///
/// cmark's allocation functions take no context, so they allocate from the calling thread's current arena:
/// `loom_arena_begin` opens one on this thread, `loom_arena_end` releases everything allocated in it.
/// Every allocation and free between them must happen on that thread. Arenas do not nest.

/// Opens this thread's arena. Returns 0, or -1 when one is already open.
int loom_arena_begin(void);

/// Releases everything allocated since `loom_arena_begin` on this thread and closes the arena.
void loom_arena_end(void);

/// Bytes the open arena holds from the system (blocks and large allocations): for tests and measurements.
size_t loom_arena_reserved_bytes(void);

/// The functions of cmark's `cmark_mem`.
void *loom_arena_calloc(size_t count, size_t size);
void *loom_arena_realloc(void *pointer, size_t size);
void loom_arena_free(void *pointer);

#endif
