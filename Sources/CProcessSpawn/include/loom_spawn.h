#ifndef LOOM_SPAWN_H
#define LOOM_SPAWN_H

#include <sys/types.h>

/// Limits applied in the child before it runs the program; a negative value leaves a limit as inherited.
/// No limit is raised above its hard limit.
struct loom_spawn_limits {
    long long address_space_bytes;
    long long stack_bytes;
    long long process_count;
    int disables_core_dumps;
};

/// Starts `path` in a process group of its own, with stdin on /dev/null, `stdout_fd`, `stderr_fd` and
/// (when not negative) `trace_fd` on 1, 2 and 3, every other descriptor closed, default signal
/// dispositions, nothing blocked, and `limits`. With `parent_death_signal` non-zero the kernel sends
/// the child that signal when the thread that started it ends (Loom's watcher thread lives until the
/// child has been reaped, so in practice: when Loom dies, however it dies); a parent already gone
/// before the request took effect is caught by comparing getppid with the pid recorded before fork.
///
/// Returns 0 and sets `*pid_out`, or returns an errno value (the child's, when exec failed).
int loom_spawn(const char *path, char *const argv[], char *const envp[], const char *working_directory,
               int stdout_fd, int stderr_fd, int trace_fd, const struct loom_spawn_limits *limits,
               int parent_death_signal, pid_t *pid_out);

#endif
