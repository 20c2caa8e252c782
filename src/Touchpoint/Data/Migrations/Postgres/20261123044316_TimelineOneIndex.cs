using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TimelineOneIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimelineEntries_CustomerId_At_Id",
                table: "TimelineEntries");

            migrationBuilder.DropIndex(
                name: "IX_TimelineEntries_CustomerId_Channel_At",
                table: "TimelineEntries");

            migrationBuilder.DropIndex(
                name: "IX_TimelineEntries_CustomerId_Kind_At",
                table: "TimelineEntries");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_PartnerAgencyId",
                table: "Interactions");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEntries_CustomerId_At_Id_Kind_Channel",
                table: "TimelineEntries",
                columns: new[] { "CustomerId", "At", "Id", "Kind", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_PartnerAgencyId",
                table: "Interactions",
                column: "PartnerAgencyId",
                filter: "\"PartnerAgencyId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimelineEntries_CustomerId_At_Id_Kind_Channel",
                table: "TimelineEntries");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_PartnerAgencyId",
                table: "Interactions");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEntries_CustomerId_At_Id",
                table: "TimelineEntries",
                columns: new[] { "CustomerId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEntries_CustomerId_Channel_At",
                table: "TimelineEntries",
                columns: new[] { "CustomerId", "Channel", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEntries_CustomerId_Kind_At",
                table: "TimelineEntries",
                columns: new[] { "CustomerId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_PartnerAgencyId",
                table: "Interactions",
                column: "PartnerAgencyId");
        }
    }
}
