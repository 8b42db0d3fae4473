#ifndef LOOM_ATOMIC_RENAME_H
#define LOOM_ATOMIC_RENAME_H

/// Swaps two existing paths in one step, so that neither is ever missing: Linux's `renameat2` with
/// `RENAME_EXCHANGE`, which Swift's Glibc module does not expose. Returns 0, or -1 with `errno` set:
/// `EINVAL` where the file system cannot exchange, `ENOSYS` on kernels without the call and on
/// systems other than Linux.
int loom_exchange_paths(const char *first, const char *second);

#endif
