package io.drplatform.manifest.validation;

/** An IPv4 range. */
record Cidr(long network, int prefix) {
    static Cidr parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected address/prefix");
        }
        String[] octets = parts[0].split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("expected four octets");
        }
        long address = 0;
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                throw new IllegalArgumentException("octet `" + octet + "` is not 0-255");
            }
            address = (address << 8) | Integer.parseInt(octet);
        }
        if (!parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
            throw new IllegalArgumentException("prefix `" + parts[1] + "` is not 0-32");
        }
        int prefix = Integer.parseInt(parts[1]);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((address & ~mask & 0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException(
                    "host bits are set; the network address is " + format(address & mask) + "/" + prefix);
        }
        return new Cidr(address, prefix);
    }

    boolean overlaps(Cidr other) {
        int shorter = Math.min(prefix, other.prefix);
        long mask = shorter == 0 ? 0 : (0xFFFFFFFFL << (32 - shorter)) & 0xFFFFFFFFL;
        return (network & mask) == (other.network & mask);
    }

    private static String format(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }
}
