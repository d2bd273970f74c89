#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/types.h>

long peek_word(pid_t pid, void *addr) {
    // expect: malicious
    ptrace(PTRACE_ATTACH, pid, NULL, NULL);
    char path[64];
    // expect: malicious
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    return 0;
}
