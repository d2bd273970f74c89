#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/types.h>

long peek_word(pid_t pid, void *addr) {
    // expect: malicious
    ptrace(PTRACE_ATTACH, pid, NULL, NULL);
    long word = ptrace(PTRACE_PEEKDATA, pid, addr, NULL);
    char path[64];
    // expect: malicious
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    return word;
}
