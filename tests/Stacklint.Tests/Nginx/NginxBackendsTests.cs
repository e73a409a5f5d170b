using Stacklint.Formats.Nginx;
using Xunit;

namespace Stacklint.Tests.Nginx;

/// <summary>Addresses of proxy_pass and friends, as nginx's URL parser splits them (ngx_parse_url: the port defaults
/// to 80, or 443 for https/grpcs).</summary>
public class NginxBackendsTests
{
    [Theory]
    [InlineData("http://api:8000", "http", "api", 8000)]
    [InlineData("http://api:8000/v1/", "http", "api", 8000)]
    [InlineData("https://Backend.Internal/", "https", "backend.internal", null)]
    [InlineData("127.0.0.1:9000", "", "127.0.0.1", 9000)]
    [InlineData("grpc://[::1]:50051", "grpc", "::1", 50051)]
    [InlineData("http://[::1]/", "http", "::1", null)]
    [InlineData("php-fpm:9000", "", "php-fpm", 9000)]
    [InlineData("backend", "", "backend", null)]
    public void Addresses_split_into_scheme_host_and_port(string address, string scheme, string host, int? port)
    {
        Assert.True(NginxBackends.TryRead(address, out var s, out var h, out var p));
        Assert.Equal((scheme, host, port), (s, h, p));
    }

    [Theory]
    [InlineData("http://unix:/run/app.sock:/")]
    [InlineData("unix:/run/php/php8.2-fpm.sock")]
    [InlineData("http://$upstream")]
    [InlineData("http://api:$port")]
    [InlineData("http://api:99999")]
    [InlineData("http://[::1")]
    public void Unix_sockets_variables_and_bad_ports_name_no_tcp_address(string address) =>
        Assert.False(NginxBackends.TryRead(address, out _, out _, out _));
}
