namespace AigcGateway.Tests.Emulator;

public sealed class OkgSimulationTests
{
    private static string Ns => EmulatorHarness.Ns;

    [Fact]
    public async Task Scale_up_takes_the_lowest_ids_that_are_neither_running_nor_reserved()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 6, "General");
        await h.UpdateSetAsync("sd", g => { g.Spec.Replicas = 4; g.Spec.ReserveGameServerIds = [1, 4]; });
        (await h.ServerIdsAsync("sd")).ShouldBe([0, 2, 3, 5]);

        await h.UpdateSetAsync("sd", g => { g.Spec.Replicas = 6; g.Spec.ReserveGameServerIds = [4]; });

        (await h.ServerIdsAsync("sd")).ShouldBe([0, 1, 2, 3, 5, 6]);
        (await h.PodIdsAsync("sd")).ShouldBe([0, 1, 2, 3, 5, 6]);
    }

    [Fact]
    public async Task ReserveIds_scale_down_removes_the_highest_ids_and_writes_them_back_into_the_spec()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 5);

        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 3);

        var gss = await h.ReadSetAsync("sd");
        (await h.ServerIdsAsync("sd")).ShouldBe([0, 1, 2]);
        EmulatorHarness.ParseReserve(gss.Spec.ReserveGameServerIds).ShouldBe([3, 4]);
        gss.Metadata.Annotations["game.kruise.io/reserve-ids"].ShouldBe("3,4");
    }

    [Fact]
    public async Task Removing_an_id_from_the_reserve_list_with_one_more_replica_brings_that_id_back()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateSetAsync("sd", 5);
        await h.UpdateSetAsync("sd", g => g.Spec.Replicas = 3);

        await h.UpdateSetAsync("sd", g => { g.Spec.Replicas = 4; g.Spec.ReserveGameServerIds = [3]; });

        (await h.ServerIdsAsync("sd")).ShouldBe([0, 1, 2, 4]);
        EmulatorHarness.ParseReserve((await h.ReadSetAsync("sd")).Spec.ReserveGameServerIds).ShouldBe([3]);
    }
}
