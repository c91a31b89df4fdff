package io.drplatform.dr.rehearsal.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An {@code AWS::RDS::DBInstance} of a region stack and the role its properties give it. A read replica names its
 * source ({@code SourceDBInstanceIdentifier}): in another region it is the cross-region replica, in the same region a
 * reader. Without a source, an instance that declares its master user was created as a primary; one that does not
 * was created as a replica and has since been promoted (the template only dropped the source).
 */
public record DatabaseInstance(String logicalId, Role role, int port, String databaseName) {

    public enum Role {
        PRIMARY,
        CROSS_REGION_REPLICA,
        PROMOTED,
        IN_REGION_READ_REPLICA;

        /** The role of a region's database: whether it holds the writable copy. */
        public boolean writable() {
            return this == PRIMARY || this == PROMOTED;
        }
    }

    /** PostgreSQL's port, where the template does not set one (RDS's default for the engine). */
    static final int POSTGRES_PORT = 5432;

    public static DatabaseInstance read(String logicalId, String stackRegion, JsonNode props) {
        JsonNode source = props.path("SourceDBInstanceIdentifier");
        Role role;
        if (!source.isMissingNode()) {
            // A source in another region is named by its ARN, arn:aws:rds:<region>:<account>:db:<identifier>.
            boolean crossRegion = source.isTextual()
                    && source.asText().startsWith("arn:")
                    && !source.asText().split(":")[3].equals(stackRegion);
            role = crossRegion ? Role.CROSS_REGION_REPLICA : Role.IN_REGION_READ_REPLICA;
        } else {
            role = props.has("MasterUsername") ? Role.PRIMARY : Role.PROMOTED;
        }
        return new DatabaseInstance(
                logicalId,
                role,
                props.path("Port").asInt(POSTGRES_PORT),
                props.path("DBName").asText(null));
    }
}
