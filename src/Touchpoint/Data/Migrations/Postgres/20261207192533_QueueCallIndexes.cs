using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueCallIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueCalls_QueueId_EnteredAt",
                table: "QueueCalls");

            migrationBuilder.CreateIndex(
                name: "IX_QueueCalls_QueueId_EnteredAt_State",
                table: "QueueCalls",
                columns: new[] { "QueueId", "EnteredAt", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueCalls_QueueId_State_EndedAt",
                table: "QueueCalls",
                columns: new[] { "QueueId", "State", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueCalls_QueueId_EnteredAt_State",
                table: "QueueCalls");

            migrationBuilder.DropIndex(
                name: "IX_QueueCalls_QueueId_State_EndedAt",
                table: "QueueCalls");

            migrationBuilder.CreateIndex(
                name: "IX_QueueCalls_QueueId_EnteredAt",
                table: "QueueCalls",
                columns: new[] { "QueueId", "EnteredAt" });
        }
    }
}
