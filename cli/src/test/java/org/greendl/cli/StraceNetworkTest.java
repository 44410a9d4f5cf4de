package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StraceNetworkTest {
    @TempDir Path dir;

    @Test
    void countsRemoteConnectsAndDnsButNotLocalSockets() throws Exception {
        // Lines as strace wrote them for ONNX Runtime's telemetry lookup, plus local and remote sockets.
        Path log = Files.writeString(dir.resolve("log"), String.join("\n",
                "10675 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---",
                "10795 connect(13, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"10.255.255.53\")}, 16) = 0",
                "10795 sendto(13, \"h\\243\\1\\0\\6mobile\\6events\\4data\\t\"..., 50, MSG_NOSIGNAL, NULL, 0) = 50",
                "10675 connect(4, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT",
                "10676 connect(7, {sa_family=AF_UNIX, sun_path=\"/run/systemd/resolve/io.systemd.Resolve\"}, 42) = 0",
                "10677 connect(8, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
                "10678 connect(9, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
                        + "inet_pton(AF_INET6, \"2603:1030::1\", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>",
                "10679 connect(10, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"13.69.239.72\")}, 16) = 0",
                ""));
        StraceNetwork.Calls c = StraceNetwork.read(log);
        assertEquals(2, c.dnsLookups().size(), c.dnsLookups().toString());
        assertEquals(2, c.remoteConnects().size(), c.remoteConnects().toString());
        assertTrue(c.remoteConnects().get(0).contains("2603:1030::1"));
    }
}
