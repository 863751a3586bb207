using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AigcGateway.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    template = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    instance_id = table.Column<int>(type: "INTEGER", nullable: true),
                    target = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    replica = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1),
                    search = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_action_time_id",
                table: "audit_entries",
                columns: new[] { "action", "time", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_actor_id_time_id",
                table: "audit_entries",
                columns: new[] { "actor_id", "time", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_outcome_time_id",
                table: "audit_entries",
                columns: new[] { "outcome", "time", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_template_time_id",
                table: "audit_entries",
                columns: new[] { "template", "time", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_time_id",
                table: "audit_entries",
                columns: new[] { "time", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_entries");
        }
    }
}
