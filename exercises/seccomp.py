"""A small seccomp filter for the sandbox (x86_64), built by hand: no library needed.

It refuses what learner code never needs and what kernel exploits start with: new
namespaces (unshare, setns, clone with namespace flags, clone3), mounts, ptrace, bpf,
perf events, userfaultfd, io_uring, kernel keyrings, module loading, kexec and reboot.
Everything else is allowed. bwrap installs it (--seccomp FD) just before running the command.
"""

import errno
import os
import platform
import struct

LD_ABS = 0x20
JEQ = 0x15
JGE = 0x35
JSET = 0x45
RET = 0x06
RET_ALLOW = 0x7FFF0000
RET_KILL_PROCESS = 0x80000000
AUDIT_ARCH_X86_64 = 0xC000003E
X32_BIT = 0x40000000
NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000
CLONE, CLONE3 = 56, 435

# x86_64 numbers: unshare, setns, mount, umount2, pivot_root, chroot, ptrace, bpf, perf_event_open,
# userfaultfd, keyctl, add_key, request_key, init_module, finit_module, delete_module, kexec_load,
# kexec_file_load, reboot, swapon, swapoff, acct, open_by_handle_at, open_tree, move_mount, fsopen,
# fsconfig, fsmount, fspick, mount_setattr.
REFUSED = (
    272,
    308,
    165,
    166,
    155,
    161,
    101,
    321,
    298,
    323,
    250,
    248,
    249,
    175,
    313,
    176,
    246,
    320,
    169,
    167,
    168,
    163,
    304,
    428,
    429,
    430,
    431,
    432,
    433,
    442,
)
UNAVAILABLE = (CLONE3, 425, 426, 427)  # clone3 and io_uring: ENOSYS, so libraries fall back


def _errno(code):
    return 0x00050000 | code


def program():
    """The filter as raw bytes (struct sock_filter[]), or None where it does not apply."""
    if platform.machine() != "x86_64":
        return None
    code = [
        (LD_ABS, 0, 0, 4),
        (JEQ, 1, 0, AUDIT_ARCH_X86_64),
        (RET, 0, 0, RET_KILL_PROCESS),
        (LD_ABS, 0, 0, 0),
        (JGE, 0, 1, X32_BIT),
        (RET, 0, 0, _errno(errno.ENOSYS)),
    ]
    for number in REFUSED:
        code += [(JEQ, 0, 1, number), (RET, 0, 0, _errno(errno.EPERM))]
    for number in UNAVAILABLE:
        code += [(JEQ, 0, 1, number), (RET, 0, 0, _errno(errno.ENOSYS))]
    code += [
        (JEQ, 0, 3, CLONE),
        (LD_ABS, 0, 0, 16),
        (JSET, 0, 1, NAMESPACE_FLAGS),
        (RET, 0, 0, _errno(errno.EPERM)),
        (RET, 0, 0, RET_ALLOW),
    ]
    return b"".join(struct.pack("<HBBI", *instruction) for instruction in code)


def open_program():
    """A file descriptor holding the filter, for bwrap's --seccomp; None where unsupported."""
    data = program()
    if data is None:
        return None
    fd = os.memfd_create("tremplin-seccomp", 0)
    os.write(fd, data)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd
