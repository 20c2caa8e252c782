using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
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
                    Number = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EntriesHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SealedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditSeals", x => x.Number);
                });

            // Written by hand (keep when re-generating): the seals are append-only like the log they seal.
            migrationBuilder.Sql("CREATE TRIGGER AuditSeals_NoUpdate BEFORE UPDATE ON AuditSeals BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditSeals_NoDelete BEFORE DELETE ON AuditSeals BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditSeals_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditSeals_NoDelete;");
            migrationBuilder.DropTable(
                name: "AuditSeals");
        }
    }
}
