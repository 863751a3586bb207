using AigcGateway.Web.Hosting;

namespace AigcGateway.Tests.Web;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://+:5000", "http://localhost:5000")]
    [InlineData("http://*:5000", "http://localhost:5000")]
    [InlineData("http://0.0.0.0:5000", "http://localhost:5000")]
    [InlineData("https://[::]:5001", "https://localhost:5001")]
    [InlineData("http://192.168.1.10:8080", "http://192.168.1.10:8080")]
    public void Wildcard_hosts_become_localhost_and_others_stay(string address, string openable)
    {
        ListenAddress.Openable(address).ShouldBe(openable);
    }
}
