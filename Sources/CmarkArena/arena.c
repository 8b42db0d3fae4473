#include "CmarkArena.h"

#include <pthread.h>
#include <sys/mman.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Each allocation is preceded by a header word holding its size, rounded up to a multiple of 8: `realloc`
// must know how much to copy. cmark's structures hold nothing wider than a pointer, so 8-byte alignment
// serves them. The header's low bit marks a large allocation, which has a system block of its own.
#define WORD 8
#define LARGE_FLAG ((size_t)1)
// Requests this big or bigger get their own block: growing buffers (the rendered HTML, a long paragraph's
// text) are then moved by the system's realloc, which remaps pages instead of copying them.
#define LARGE_REQUEST (64 * 1024)
#define FIRST_BLOCK (256 * 1024)
#define LARGEST_BLOCK (4 * 1024 * 1024)
// Freed allocations up to this size are kept on a list per size for the next request of that size: cmark
// frees most of what it allocates while parsing (inline delimiters, brackets, grown buffers), and without
// reuse the arena would hold half again as much memory as malloc.
#define REUSED_LIMIT 1024
#define SIZE_CLASSES (REUSED_LIMIT / WORD + 1)

// Blocks of HUGE_PAGE bytes and more are mapped on their own and, where the system offers it, the first HUGE_PAGES_LIMIT bytes
// of an arena are backed by huge pages: a large note's tree is hundreds of megabytes, and faulting it in
// 4 KB pages cost more than building it. Past a few hundred megabytes, finding free huge pages cost the
// kernel more than the small faults they save (measured: a 40 MB note of one paragraph took 3.3 s of system
// time with huge pages throughout, 1.0 s with 4 KB pages), so the rest of a very large arena uses small pages.
#define HUGE_PAGE (2 * 1024 * 1024)
#define HUGE_PAGES_LIMIT ((size_t)256 * 1024 * 1024)

typedef struct block {
    struct block *previous;
    size_t capacity;
    size_t used;
    size_t mapped;
} block;

typedef struct {
    int open;
    block *current;
    size_t next_block_size;
    void **large;
    size_t large_count;
    size_t large_capacity;
    size_t reserved;
    size_t huge_pages;
    void *freed[SIZE_CLASSES];
} arena;

static _Thread_local arena this_thread;

static block *new_block(arena *a, size_t capacity);
static void free_block(block *b);

// The first block of a thread's last document, kept for its next: a vault's notes are read by a few threads
// one after another, and a fresh block each time would fault in fresh pages each time.
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void free_spare(void *spare) { free(spare); }
static void make_spare_key(void) { pthread_key_create(&spare_key, free_spare); }

static void out_of_memory(void) {
    fputs("loom: out of memory reading a note\n", stderr);
    abort();
}

static char *block_data(block *b) { return (char *)(b + 1); }

static size_t round_up(size_t size) {
    if (size > SIZE_MAX - 2 * WORD) out_of_memory();
    return (size + WORD - 1) & ~(size_t)(WORD - 1);
}

static size_t *header_of(void *pointer) { return (size_t *)pointer - 1; }

int loom_arena_begin(void) {
    arena *a = &this_thread;
    if (a->open) return -1;
    memset(a, 0, sizeof *a);
    a->open = 1;
    a->next_block_size = FIRST_BLOCK;
    pthread_once(&spare_once, make_spare_key);
    block *spare = pthread_getspecific(spare_key);
    if (spare) {
        pthread_setspecific(spare_key, NULL);
        spare->previous = NULL;
        spare->used = 0;
        a->current = spare;
        a->reserved = sizeof(block) + spare->capacity;
        a->next_block_size = 2 * FIRST_BLOCK;
    }
    return 0;
}

void loom_arena_end(void) {
    arena *a = &this_thread;
    if (!a->open) return;
    for (size_t i = 0; i < a->large_count; i++) free(a->large[i]);
    free(a->large);
    block *kept = NULL;
    for (block *b = a->current; b;) {
        block *previous = b->previous;
        if (!previous && b->capacity == FIRST_BLOCK && !b->mapped) {
            kept = b;
        } else {
            free_block(b);
        }
        b = previous;
    }
    pthread_setspecific(spare_key, kept);
    memset(a, 0, sizeof *a);
}

size_t loom_arena_reserved_bytes(void) { return this_thread.reserved; }

static arena *open_arena(void) {
    arena *a = &this_thread;
    if (!a->open) {
        fputs("loom: cmark allocated outside a note's arena\n", stderr);
        abort();
    }
    return a;
}

static void *allocate_large(arena *a, size_t rounded) {
    if (a->large_count == a->large_capacity) {
        size_t capacity = a->large_capacity ? 2 * a->large_capacity : 16;
        void **grown = realloc(a->large, capacity * sizeof *grown);
        if (!grown) out_of_memory();
        a->large = grown;
        a->large_capacity = capacity;
    }
    size_t *base = malloc(WORD + rounded);
    if (!base) out_of_memory();
    *base = rounded | LARGE_FLAG;
    a->large[a->large_count++] = base;
    a->reserved += WORD + rounded;
    return base + 1;
}

static size_t large_position(arena *a, size_t *base) {
    // Recent large allocations are the ones freed and grown: search from the end.
    for (size_t i = a->large_count; i > 0; i--) {
        if (a->large[i - 1] == base) return i - 1;
    }
    fputs("loom: a note's arena was given memory it did not allocate\n", stderr);
    abort();
}

static block *new_block(arena *a, size_t capacity) {
#if defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS)
    if (sizeof(block) + capacity >= HUGE_PAGE && capacity % HUGE_PAGE == 0) {
        // Map a huge page more than needed and keep the aligned part: huge pages must be aligned.
        char *mapping = mmap(NULL, capacity + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapping == MAP_FAILED) out_of_memory();
        char *aligned = (char *)(((uintptr_t)mapping + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
        if (aligned > mapping) munmap(mapping, (size_t)(aligned - mapping));
        size_t tail = (size_t)(mapping + capacity + HUGE_PAGE - (aligned + capacity));
        if (tail) munmap(aligned + capacity, tail);
        if (a->huge_pages < HUGE_PAGES_LIMIT) {
            madvise(aligned, capacity, MADV_HUGEPAGE);
            a->huge_pages += capacity;
        }
        block *b = (block *)aligned;
        b->capacity = capacity - sizeof(block);
        b->used = 0;
        b->mapped = capacity;
        return b;
    }
#endif
    block *b = malloc(sizeof(block) + capacity);
    if (!b) out_of_memory();
    b->capacity = capacity;
    b->used = 0;
    b->mapped = 0;
    return b;
}

static void free_block(block *b) {
    if (b->mapped) {
        munmap(b, b->mapped);
    } else {
        free(b);
    }
}

static void *allocate(arena *a, size_t size) {
    size_t rounded = round_up(size);
    if (rounded >= LARGE_REQUEST) return allocate_large(a, rounded);
    if (rounded <= REUSED_LIMIT) {
        void *reused = a->freed[rounded / WORD];
        if (reused) {
            a->freed[rounded / WORD] = *(void **)reused;
            return reused;
        }
    }
    block *b = a->current;
    if (!b || b->capacity - b->used < WORD + rounded) {
        size_t capacity = a->next_block_size;
        if (a->next_block_size < LARGEST_BLOCK) a->next_block_size *= 2;
        block *fresh = new_block(a, capacity);
        fresh->previous = b;
        a->current = b = fresh;
        a->reserved += sizeof(block) + fresh->capacity;
    }
    size_t *header = (size_t *)(block_data(b) + b->used);
    *header = rounded;
    b->used += WORD + rounded;
    return header + 1;
}

/// Whether `pointer`, a small allocation of `size` bytes, is the last one made in the current block.
static int is_last(arena *a, void *pointer, size_t size) {
    block *b = a->current;
    return b && (char *)pointer + size == block_data(b) + b->used;
}

void *loom_arena_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) out_of_memory();
    size_t total = count * size;
    void *pointer = allocate(open_arena(), total);
    memset(pointer, 0, total);
    return pointer;
}

void loom_arena_free(void *pointer) {
    if (!pointer) return;
    arena *a = open_arena();
    size_t header = *header_of(pointer);
    if (header & LARGE_FLAG) {
        size_t *base = header_of(pointer);
        size_t position = large_position(a, base);
        a->large[position] = a->large[--a->large_count];
        a->reserved -= WORD + (header & ~LARGE_FLAG);
        free(base);
        return;
    }
    // A temporary freed right after it was made gives its room back; others wait for a request of their size.
    if (is_last(a, pointer, header)) {
        a->current->used -= WORD + header;
    } else if (header <= REUSED_LIMIT && header >= sizeof(void *)) {
        *(void **)pointer = a->freed[header / WORD];
        a->freed[header / WORD] = pointer;
    }
}

void *loom_arena_realloc(void *pointer, size_t size) {
    arena *a = open_arena();
    if (!pointer) return allocate(a, size);
    size_t rounded = round_up(size);
    size_t header = *header_of(pointer);
    if (header & LARGE_FLAG) {
        size_t *base = header_of(pointer);
        size_t position = large_position(a, base);
        size_t old = header & ~LARGE_FLAG;
        size_t *moved = realloc(base, WORD + rounded);
        if (!moved) out_of_memory();
        *moved = rounded | LARGE_FLAG;
        a->large[position] = moved;
        a->reserved = a->reserved - old + rounded;
        return moved + 1;
    }
    if (rounded <= header) return pointer;
    if (rounded < LARGE_REQUEST && is_last(a, pointer, header) && a->current->capacity - a->current->used >= rounded - header) {
        a->current->used += rounded - header;
        *header_of(pointer) = rounded;
        return pointer;
    }
    void *moved = allocate(a, size);
    memcpy(moved, pointer, header);
    loom_arena_free(pointer);
    return moved;
}
