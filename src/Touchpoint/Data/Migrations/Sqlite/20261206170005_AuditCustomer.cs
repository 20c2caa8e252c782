using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditCustomer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CustomerId",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_CustomerId_At",
                table: "AuditEntries",
                columns: new[] { "CustomerId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_CustomerId_At",
                table: "AuditEntries");

            // Written by hand (keep when re-generating): SQLite's own DROP COLUMN (3.35+) instead of EF's table rebuild,
            // which would lose the audit log's append-only triggers.
            migrationBuilder.Sql("ALTER TABLE \"AuditEntries\" DROP COLUMN \"CustomerId\";");
        }
    }
}
