using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorkQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerQueueId",
                table: "Promises",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "AspNetUsers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WorkQueues",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LeadUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkQueues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkQueueMembers",
                columns: table => new
                {
                    QueueId = table.Column<string>(type: "character varying(64)", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkQueueMembers", x => new { x.QueueId, x.UserId });
                    table.ForeignKey(
                        name: "FK_WorkQueueMembers_WorkQueues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "WorkQueues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_OwnerQueueId",
                table: "Promises",
                column: "OwnerQueueId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkQueueMembers_UserId",
                table: "WorkQueueMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkQueues_Name",
                table: "WorkQueues",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkQueueMembers");

            migrationBuilder.DropTable(
                name: "WorkQueues");

            migrationBuilder.DropIndex(
                name: "IX_Promises_OwnerQueueId",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "OwnerQueueId",
                table: "Promises");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "AspNetUsers");
        }
    }
}
