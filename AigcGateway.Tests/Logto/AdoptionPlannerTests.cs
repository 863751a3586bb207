using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AigcGateway.Core.Instances;
using AigcGateway.Core.Templates;
using AigcGateway.Core.Users;

namespace AigcGateway.Tests.Logto;

public sealed class AdoptionPlannerTests
{
    private static readonly TemplateRef s_sd = new("default", "sd-webui");
    private static readonly TemplateRef s_comfy = new("default", "comfyui");
    private static readonly IReadOnlySet<TemplateRef> s_catalog = ImmutableHashSet.Create(s_sd, s_comfy);

    private static UserCustomDataEntries User(string id, string json) =>
        new(id, CustomDataEntryCodec.Decode(JsonNode.Parse(json)!.AsObject()));

    private static string Entry(string ns, string name, int id) =>
        $$"""{"Name":"{{name}}","Namespace":"{{ns}}","ID":"{{id}}","Type":""}""";

    private static Dictionary<TemplateRef, IReadOnlyDictionary<int, string>> Owners(params (TemplateRef T, int Id, string User)[] owners) =>
        owners.GroupBy(o => o.T).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, string>)g.ToDictionary(o => o.Id, o => o.User));

    private static bool Exists(InstanceRef instance) => true;

    [Fact]
    public void An_entry_for_a_free_id_is_adopted()
    {
        var plan = AdoptionPlanner.Plan([User("alice", $$"""{"default-sd-webui":{{Entry("default", "sd-webui", 3)}}}""")], Owners(), s_catalog, Exists);

        plan.Adoptions.ShouldBe([new AdoptAction("alice", new InstanceRef(s_sd, 3))]);
        plan.Conflicts.ShouldBeEmpty();
    }

    [Fact]
    public void An_entry_for_an_id_without_a_game_server_or_a_reservation_is_a_missing_conflict()
    {
        // alice runs id 0; bob's entry names id 5, which OKG never created
        var plan = AdoptionPlanner.Plan([User("bob", $$"""{"default-sd-webui":{{Entry("default", "sd-webui", 5)}}}""")],
            Owners((s_sd, 0, "alice")), s_catalog, i => i.Id == 0);

        plan.Adoptions.ShouldBeEmpty();
        var conflict = plan.Conflicts.ShouldHaveSingleItem();
        conflict.Kind.ShouldBe(AdoptionConflictKind.Missing);
        conflict.Instance.ShouldBe(new InstanceRef(s_sd, 5));
    }

    [Fact]
    public void Only_the_entries_whose_instance_exists_are_adopted()
    {
        var plan = AdoptionPlanner.Plan(
            [
                User("alice", $$"""{"default-sd-webui":{{Entry("default", "sd-webui", 1)}}}"""),
                User("bob", $$"""{"default-sd-webui":{{Entry("default", "sd-webui", 7)}}}"""),
            ],
            Owners(), s_catalog, i => i.Id == 1);

        plan.Adoptions.ShouldBe([new AdoptAction("alice", new InstanceRef(s_sd, 1))]);
        plan.Conflicts.ShouldHaveSingleItem().Kind.ShouldBe(AdoptionConflictKind.Missing);
    }

    [Fact]
    public void An_entry_already_in_the_ownership_record_needs_nothing()
    {
        var plan = AdoptionPlanner.Plan([User("alice", $$"""{"default-sd-webui":{{Entry("default", "sd-webui", 3)}}}""")],
            Owners((s_sd, 3, "alice")), s_catalog, Exists);

        plan.Adoptions.ShouldBeEmpty();
        plan.Conflicts.ShouldBeEmpty();
    }

    [Fact]
    public void An_id_owned_by_someone_else_is_a_conflict()
    {
        var plan = AdoptionPlanner.Plan([User("alice", $$"""{"default-sd-webui":{{Entry("default", "sd-webui", 3)}}}""")],
            Owners((s_sd, 3, "bob")), s_catalog, Exists);

        plan.Adoptions.ShouldBeEmpty();
        var conflict = plan.Conflicts.ShouldHaveSingleItem();
        conflict.Kind.ShouldBe(AdoptionConflictKind.IdOwnedByOtherUser);
        conflict.Detail.ShouldContain("bob");
    }

    [Fact]
    public void An_entry_for_a_template_that_is_gone_is_a_conflict()
    {
        var plan = AdoptionPlanner.Plan([User("alice", $$"""{"old-x":{{Entry("old", "x", 1)}}}""")], Owners(), s_catalog, Exists);

        plan.Conflicts.ShouldHaveSingleItem().Kind.ShouldBe(AdoptionConflictKind.TemplateGone);
        plan.Adoptions.ShouldBeEmpty();
    }

    [Fact]
    public void A_malformed_entry_is_a_conflict()
    {
        var plan = AdoptionPlanner.Plan([User("alice", """{"default-sd-webui":{"Name":"sd-webui","Namespace":"default","ID":"x"}}""")], Owners(), s_catalog, Exists);

        var conflict = plan.Conflicts.ShouldHaveSingleItem();
        conflict.Kind.ShouldBe(AdoptionConflictKind.Malformed);
        conflict.Instance.ShouldBeNull();
    }

    [Fact]
    public void Two_users_claiming_the_same_free_id_are_both_conflicts()
    {
        var entry = $$"""{"default-sd-webui":{{Entry("default", "sd-webui", 2)}}}""";

        var plan = AdoptionPlanner.Plan([User("alice", entry), User("bob", entry)], Owners(), s_catalog, Exists);

        plan.Adoptions.ShouldBeEmpty();
        plan.Conflicts.Select(c => (c.UserId, c.Kind)).ShouldBe(
            [("alice", AdoptionConflictKind.ClaimedByOtherUserToo), ("bob", AdoptionConflictKind.ClaimedByOtherUserToo)]);
    }

    [Fact]
    public void A_user_who_already_owns_another_id_of_the_template_is_a_conflict()
    {
        var plan = AdoptionPlanner.Plan([User("alice", $$"""{"default-sd-webui":{{Entry("default", "sd-webui", 2)}}}""")],
            Owners((s_sd, 5, "alice")), s_catalog, Exists);

        plan.Conflicts.ShouldHaveSingleItem().Kind.ShouldBe(AdoptionConflictKind.UserOwnsOtherInstance);
    }

    [Fact]
    public void Two_entries_of_one_user_for_one_template_with_different_ids_are_conflicts()
    {
        var plan = AdoptionPlanner.Plan(
            [User("alice", $$"""{"default-sd-webui":{{Entry("default", "sd-webui", 2)}},"other-key":{{Entry("default", "sd-webui", 4)}}}""")],
            Owners(), s_catalog, Exists);

        plan.Adoptions.ShouldBeEmpty();
        plan.Conflicts.Count(c => c.Kind == AdoptionConflictKind.AmbiguousEntries).ShouldBe(2);
    }

    [Fact]
    public void Adoptions_and_conflicts_of_different_users_are_planned_together()
    {
        var plan = AdoptionPlanner.Plan(
            [
                User("alice", $$"""{"default-sd-webui":{{Entry("default", "sd-webui", 1)}},"default-comfyui":{{Entry("default", "comfyui", 0)}}}"""),
                User("bob", $$"""{"default-comfyui":{{Entry("default", "comfyui", 0)}}}"""),
                User("carol", """{"theme":"dark"}"""),
            ],
            Owners((s_comfy, 0, "bob")), s_catalog, Exists);

        plan.Adoptions.ShouldBe([new AdoptAction("alice", new InstanceRef(s_sd, 1))]);
        plan.Conflicts.ShouldHaveSingleItem().UserId.ShouldBe("alice");
    }
}
