using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>A family of database, cache or queue images and the container ports it is known by (README S5).</summary>
public sealed class DatabaseFamily
{
    public DatabaseFamily(string name, string[] images, int[] ports)
    {
        Name = name;
        Images = images;
        Ports = ports;
    }

    /// <summary>"PostgreSQL", for messages.</summary>
    public string Name { get; }
    public IReadOnlyList<string> Images { get; }
    /// <summary>Container ports that make any service count as this database (ports used by too many other programs are
    /// left out: those families are known by image only).</summary>
    public IReadOnlyList<int> Ports { get; }
}

/// <summary>
/// What an image is, by name (README S4): after interpolation, registry, tag and digest dropped, lower case. A list
/// entry with a <c>/</c> matches the image's path exactly (or its last two components); one without matches the last
/// component exactly. No prefix or substring matching: <c>postgres-exporter</c> is not <c>postgres</c>.
/// </summary>
public static class ComposeImages
{
    public static readonly IReadOnlyList<DatabaseFamily> Databases = new[]
    {
        new DatabaseFamily("PostgreSQL", new[] { "postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha", "pgvector", "postgresql-repmgr", "cloudnative-pg/postgresql", "supabase/postgres" }, new[] { 5432 }),
        new DatabaseFamily("MySQL/MariaDB", new[] { "mysql", "mysql-server", "mariadb", "percona", "percona-server", "mariadb-galera" }, new[] { 3306, 33060 }),
        new DatabaseFamily("MongoDB", new[] { "mongo", "mongodb", "mongodb-community-server", "mongodb-sharded", "percona-server-mongodb" }, new[] { 27017, 27018, 27019 }),
        new DatabaseFamily("Redis", new[] { "redis", "redis-stack", "redis-stack-server", "redismod", "redis-cluster", "valkey", "valkey-cluster", "keydb", "dragonfly" }, new[] { 6379 }),
        new DatabaseFamily("Elasticsearch/OpenSearch", new[] { "elasticsearch", "opensearch" }, new[] { 9200, 9300 }),
        new DatabaseFamily("Memcached", new[] { "memcached" }, new[] { 11211 }),
        new DatabaseFamily("RabbitMQ", new[] { "rabbitmq" }, new[] { 5672 }),
        new DatabaseFamily("CouchDB", new[] { "couchdb" }, new[] { 5984 }),
        new DatabaseFamily("Cassandra/Scylla", new[] { "cassandra", "scylla" }, new[] { 9042 }),
        new DatabaseFamily("InfluxDB", new[] { "influxdb" }, new[] { 8086 }),
        new DatabaseFamily("etcd", new[] { "etcd" }, new[] { 2379, 2380 }),
        new DatabaseFamily("SQL Server", new[] { "mssql/server", "azure-sql-edge" }, new[] { 1433 }),
        new DatabaseFamily("ClickHouse", new[] { "clickhouse-server", "clickhouse" }, Array.Empty<int>()),
        new DatabaseFamily("Neo4j", new[] { "neo4j" }, new[] { 7687 }),
        new DatabaseFamily("Oracle", new[] { "oracle-xe", "oracle-free", "database/enterprise", "database/free" }, new[] { 1521 }),
        new DatabaseFamily("CockroachDB", new[] { "cockroach" }, new[] { 26257 }),
        new DatabaseFamily("Kafka/ZooKeeper/NATS", new[] { "kafka", "cp-kafka", "zookeeper", "cp-zookeeper", "nats" }, new[] { 9092, 2181, 4222 }),
    };

    /// <summary>Monitoring and admin UIs (README S6); any name ending <c>-exporter</c> or <c>_exporter</c> too.</summary>
    private static readonly string[] AdminUis =
    {
        // Metrics: unauthenticated by default, they map the whole infrastructure (and the exporters leak host details).
        "prometheus", "alertmanager", "pushgateway", "node-exporter", "cadvisor",
        // Dashboards and log/trace viewers: default or no credentials, data of every service.
        "grafana", "grafana-oss", "grafana-enterprise", "loki", "kibana", "opensearch-dashboards", "jaegertracing/all-in-one",
        "jaegertracing/jaeger", "netdata", "dozzle",
        // Container management: control of Docker, so of the host.
        "portainer", "portainer-ce", "portainer-ee", "portainer/agent",
        // Database consoles: a login form in front of the data, brute-forced and exploited.
        "pgadmin4", "adminer", "phpmyadmin", "mongo-express", "redis-commander", "redisinsight",
    };

    /// <summary>Images whose server does not run as root (README S11); every <c>bitnami/*</c> image too.</summary>
    private static readonly string[] NonRootImages =
    {
        // Official database images: the entrypoint starts as root, fixes ownership, and drops to its own user (gosu/su-exec).
        "postgres", "postgis", "timescaledb", "mysql", "mariadb", "mongo", "redis", "valkey", "rabbitmq", "couchdb", "cassandra",
        // Images whose USER is not root: memcache, elasticsearch, opensearch, kibana, grafana (472), nobody (Prometheus family), loki (10001).
        "memcached", "elasticsearch", "opensearch", "kibana", "grafana", "grafana-oss", "grafana-enterprise", "prometheus", "alertmanager",
        "pushgateway", "node-exporter", "loki",
    };

    /// <summary>The image's path: registry, tag and digest dropped, lower case (<c>bitnami/postgresql</c>, <c>postgres</c>).</summary>
    public static string PathOf(ComposeImage image) => image.Repository.ToLowerInvariant();

    /// <summary>The image matches a list entry (README S4).</summary>
    public static bool Matches(ComposeImage image, string entry)
    {
        var path = PathOf(image);
        if (entry.IndexOf('/') < 0) return image.Name == entry;
        if (path == entry) return true;
        var parts = path.Split('/');
        return parts.Length >= 2 && parts[parts.Length - 2] + "/" + parts[parts.Length - 1] == entry;
    }

    public static bool MatchesAny(ComposeImage? image, IEnumerable<string> entries) => image is not null && entries.Any(e => Matches(image, e));

    /// <summary>The database family the image belongs to, or null.</summary>
    public static DatabaseFamily? DatabaseOf(ComposeImage? image) =>
        image is null ? null : Databases.FirstOrDefault(f => f.Images.Any(e => Matches(image, e)));

    /// <summary>The database family a single container port is well known for (TCP), or null. A range counts only by image:
    /// a game server's <c>27015-27020</c> contains 27017 but is not MongoDB.</summary>
    public static (DatabaseFamily Family, int Port)? DatabaseByPort(ComposePort port)
    {
        if (port.Protocol != "tcp" || !port.Target.IsSingle) return null;
        foreach (var family in Databases)
            foreach (var known in family.Ports)
                if (port.Target.Contains(known)) return (family, known);
        return null;
    }

    public static bool IsAdminUi(ComposeImage? image) =>
        image is not null && (MatchesAny(image, AdminUis) || image.Name.EndsWith("-exporter", StringComparison.Ordinal) || image.Name.EndsWith("_exporter", StringComparison.Ordinal));

    public static bool RunsAsNonRoot(ComposeImage? image) =>
        image is not null && (MatchesAny(image, NonRootImages) || PathOf(image).StartsWith("bitnami/", StringComparison.Ordinal));

    /// <summary>The Redis family of README S5 (<c>redis</c>, <c>valkey</c>, <c>keydb</c>, <c>dragonfly</c>…): servers without a
    /// password unless told.</summary>
    public static bool IsRedisFamily(ComposeImage? image) => DatabaseOf(image) is { Name: "Redis" };

    /// <summary>Bitnami's images, whose entrypoints read their own variables (<c>REDIS_PASSWORD</c>, <c>ALLOW_EMPTY_PASSWORD</c>).</summary>
    public static bool IsBitnami(ComposeImage? image) => image is not null && PathOf(image).StartsWith("bitnami/", StringComparison.Ordinal);
}
