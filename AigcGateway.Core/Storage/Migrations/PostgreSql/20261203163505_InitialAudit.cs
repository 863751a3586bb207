using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AigcGateway.Core.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    template = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    instance_id = table.Column<int>(type: "integer", nullable: true),
                    target = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    replica = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false, defaultValue: 1),
                    search = table.Column<string>(type: "text", nullable: false)
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
                name: "ix_audit_entries_search_trgm",
                table: "audit_entries",
                column: "search")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

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
