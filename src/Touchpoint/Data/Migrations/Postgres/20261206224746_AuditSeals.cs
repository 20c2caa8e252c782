using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditSeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditSeals",
                columns: table => new
                {
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    FirstEntryId = table.Column<long>(type: "bigint", nullable: false),
                    LastEntryId = table.Column<long>(type: "bigint", nullable: false),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    EntriesHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SealedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditSeals", x => x.Number);
                });

            // Written by hand (keep when re-generating): the seals are append-only like the log they seal (Initial's function).
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditSeals_AppendOnly" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditSeals"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditSeals_AppendOnly\" ON \"AuditSeals\";");
            migrationBuilder.DropTable(
                name: "AuditSeals");
        }
    }
}
