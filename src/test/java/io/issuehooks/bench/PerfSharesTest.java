package io.issuehooks.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerfSharesTest {

    @Test
    void threadsOfOneKindFormOneGroupHoweverPerfCutTheirNames() {
        assertEquals("Thread-N (…)", PerfShares.group("Thread-1 (activ  6706"));
        assertEquals("Thread-N (…)", PerfShares.group("Thread-13 (acti  6721"));
        assertEquals("default task-N", PerfShares.group("default task-5  6663"));
        assertEquals("postgres", PerfShares.group("postgres  10039"));
    }

    @Test
    void aSampleIsTheKernelsOnlyWhenItsInnermostFrameIs() {
        assertEquals("user", kind("7f1e01a2de78 [unknown]", "ffffffff8175824d do_epoll_wait"));
        assertEquals("switch/wake", kind("ffffffff82242009 pvm_irq_enable", "ffffffff81f3a1b0 finish_task_switch.isra.0",
                "ffffffff81f3a5c0 __schedule", "ffffffff8175824d do_epoll_wait"));
        assertEquals("network", kind("ffffffff82242009 pvm_irq_enable", "ffffffff81c1e2f0 tcp_sendmsg", "ffffffff81b0e1a0 __sys_sendto"));
        assertEquals("disk", kind("ffffffff82242009 pvm_irq_enable", "ffffffff81402a10 ext4_sync_file", "ffffffff8136f0b0 do_fsync"));
        assertEquals("syscall", kind("ffffffff82242009 pvm_irq_enable", "ffffffff81f2c0e0 do_syscall_64"));
        assertEquals("other kernel", kind("ffffffff82242009 pvm_irq_enable", "ffffffff81f2d0e0 handle_softirqs"));
    }

    private static String kind(String... frames) {
        return PerfShares.kind(List.of(frames)).label;
    }
}
