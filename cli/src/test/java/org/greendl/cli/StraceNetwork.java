package org.greendl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an {@code strace -f -e trace=connect,sendto,sendmsg} log and keeps the calls that leave the machine or ask
 * for a host name: a connect to a non-loopback IPv4/IPv6 address, and any DNS query (a call to port 53, or to
 * systemd-resolved's socket). Local sockets (X11, nscd's passwd lookups, netlink) are not network use.
 */
final class StraceNetwork {
    private static final Pattern INET = Pattern.compile("sa_family=AF_INET6?, sin6?_port=htons\\((\\d+)\\)");
    private static final Pattern V4 = Pattern.compile("inet_addr\\(\"([0-9.]+)\"\\)");
    private static final Pattern V6 = Pattern.compile("inet_pton\\(AF_INET6, \"([0-9a-fA-F:.]+)\"");

    record Calls(List<String> remoteConnects, List<String> dnsLookups) {
        boolean none() {
            return remoteConnects.isEmpty() && dnsLookups.isEmpty();
        }
    }

    private StraceNetwork() {}

    static Calls read(Path log) throws IOException {
        List<String> remote = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            if (!line.contains("connect(") && !line.contains("sendto(") && !line.contains("sendmsg(")) {
                continue;
            }
            if (line.contains("AF_UNIX") && line.contains("resolve")) {
                dns.add(line);
                continue;
            }
            Matcher m = INET.matcher(line);
            if (!m.find()) {
                continue;
            }
            if (m.group(1).equals("53")) {
                dns.add(line);
            } else if (line.contains("connect(") && !loopback(line)) {
                remote.add(line);
            }
        }
        return new Calls(remote, dns);
    }

    private static boolean loopback(String line) {
        Matcher v4 = V4.matcher(line);
        if (v4.find()) {
            String a = v4.group(1);
            return a.startsWith("127.") || a.equals("0.0.0.0");
        }
        Matcher v6 = V6.matcher(line);
        if (v6.find()) {
            String a = v6.group(1);
            return a.equals("::1") || a.equals("::") || a.startsWith("::ffff:127.");
        }
        return false;
    }
}
