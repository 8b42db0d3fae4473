#define _GNU_SOURCE
#include "loom_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <pthread.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

// Between fork and exec the child of a multi-threaded parent may only make async-signal-safe calls:
// everything it needs is prepared before the fork, and it reports a failure as an errno over a pipe.

static void lower_limit(int resource, long long value) {
    if (value < 0) return;
    struct rlimit limit;
    if (getrlimit(resource, &limit) != 0) return;
    rlim_t wanted = (rlim_t)value;
    if (limit.rlim_max != RLIM_INFINITY && wanted > limit.rlim_max) wanted = limit.rlim_max;
    limit.rlim_cur = wanted;
    limit.rlim_max = wanted;
    setrlimit(resource, &limit);
}

static void close_from(int first, int keep) {
#if defined(__linux__) && defined(SYS_close_range)
    if (keep >= first) {
        if (keep > first) syscall(SYS_close_range, (unsigned)first, (unsigned)(keep - 1), 0);
        if (syscall(SYS_close_range, (unsigned)(keep + 1), ~0U, 0) == 0) return;
    } else if (syscall(SYS_close_range, (unsigned)first, ~0U, 0) == 0) {
        return;
    }
#endif
    long most = sysconf(_SC_OPEN_MAX);
    if (most < 0 || most > 65536) most = 65536;
    for (int fd = first; fd < most; fd++) {
        if (fd != keep) close(fd);
    }
}

static void fail(int report_fd, int error) {
    ssize_t ignored = write(report_fd, &error, sizeof error);
    (void)ignored;
    _exit(127);
}

int loom_spawn(const char *path, char *const argv[], char *const envp[], const char *working_directory,
               int stdout_fd, int stderr_fd, int trace_fd, const struct loom_spawn_limits *limits,
               int parent_death_signal, pid_t *pid_out) {
    int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd < 0) return errno;
    // Above every descriptor the child maps onto 0-3, so no dup2 overwrites another's source.
    int moved = fcntl(null_fd, F_DUPFD_CLOEXEC, 10);
    close(null_fd);
    if (moved < 0) return errno;
    null_fd = moved;

    int report[2];
    if (pipe(report) != 0) {
        int error = errno;
        close(null_fd);
        return error;
    }
    int report_read = fcntl(report[0], F_DUPFD_CLOEXEC, 10);
    int report_write = fcntl(report[1], F_DUPFD_CLOEXEC, 10);
    close(report[0]);
    close(report[1]);
    if (report_read < 0 || report_write < 0) {
        int error = errno;
        if (report_read >= 0) close(report_read);
        if (report_write >= 0) close(report_write);
        close(null_fd);
        return error;
    }

    // Signals stay blocked across the fork, so the child never runs a handler of Loom's.
    sigset_t every, previous;
    sigfillset(&every);
    pthread_sigmask(SIG_SETMASK, &every, &previous);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
#ifdef __linux__
        if (parent_death_signal != 0) {
            if (prctl(PR_SET_PDEATHSIG, parent_death_signal) != 0) fail(report_write, errno);
            // The parent may have died before the request was made: then no signal will come.
            if (getppid() != parent) _exit(127);
        }
#else
        (void)parent_death_signal;
        (void)parent;
#endif
        for (int sig = 1; sig < NSIG; sig++) {
            if (sig == SIGKILL || sig == SIGSTOP) continue;
            struct sigaction action;
            memset(&action, 0, sizeof action);
            action.sa_handler = SIG_DFL;
            sigaction(sig, &action, NULL);
        }
        if (limits != NULL) {
            lower_limit(RLIMIT_AS, limits->address_space_bytes);
            lower_limit(RLIMIT_STACK, limits->stack_bytes);
#ifdef RLIMIT_NPROC
            lower_limit(RLIMIT_NPROC, limits->process_count);
#endif
            if (limits->disables_core_dumps) lower_limit(RLIMIT_CORE, 0);
        }
        if (dup2(stdout_fd, 1) < 0 || dup2(stderr_fd, 2) < 0 || dup2(null_fd, 0) < 0) fail(report_write, errno);
        if (trace_fd >= 0 && dup2(trace_fd, 3) < 0) fail(report_write, errno);
        close_from(trace_fd >= 0 ? 4 : 3, report_write);
        if (working_directory != NULL && chdir(working_directory) != 0) fail(report_write, errno);
        sigset_t none;
        sigemptyset(&none);
        pthread_sigmask(SIG_SETMASK, &none, NULL);
        execve(path, argv, envp);
        fail(report_write, errno);
    }
    int fork_error = errno;
    // The parent sets the group too, so that a kill of the group cannot precede the child's setpgid.
    if (pid > 0) setpgid(pid, pid);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(report_write);
    close(null_fd);
    if (pid < 0) {
        close(report_read);
        return fork_error;
    }
    // Until exec succeeds (the pipe closes on exec) or the child reports why it did not.
    int child_error = 0;
    ssize_t count;
    do {
        count = read(report_read, &child_error, sizeof child_error);
    } while (count < 0 && errno == EINTR);
    close(report_read);
    if (count == (ssize_t)sizeof child_error) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return child_error;
    }
    *pid_out = pid;
    return 0;
}
