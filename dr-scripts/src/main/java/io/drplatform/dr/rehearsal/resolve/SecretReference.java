package io.drplatform.dr.rehearsal.resolve;

/**
 * A reference to a Secrets Manager secret as ECS and CloudFormation take it: an ARN
 * ({@code arn:aws:secretsmanager:<region>:<account>:secret:<id>}) or, in the caller's region, a bare id; the id is
 * the secret's name, with or without the six characters Secrets Manager appends to it (a partial ARN). What follows
 * the id after a colon ({@code :jsonKey::} for ECS, {@code :SecretString:jsonKey::} for a dynamic reference) is
 * {@code rest}. A secret's name cannot contain a colon, so the id ends at the first colon after {@code secret:}.
 *
 * @param account the ARN's account, or null for a bare id
 */
record SecretReference(String text, String region, String account, String id, String rest) {

    static SecretReference parse(String reference, String callerRegion) {
        if (!reference.startsWith("arn:")) {
            int colon = reference.indexOf(':');
            return colon < 0
                    ? new SecretReference(reference, callerRegion, null, reference, "")
                    : new SecretReference(
                            reference,
                            callerRegion,
                            null,
                            reference.substring(0, colon),
                            reference.substring(colon + 1));
        }
        String[] parts = reference.split(":", 8);
        if (parts.length < 7
                || !parts[2].equals("secretsmanager")
                || !parts[5].equals("secret")
                || parts[6].isEmpty()) {
            throw new IllegalArgumentException("`" + reference + "` is not a Secrets Manager secret ARN");
        }
        return new SecretReference(reference, parts[3], parts[4], parts[6], parts.length == 8 ? parts[7] : "");
    }
}
