using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Promises : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Promises",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OwnerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MadeByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MadeByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MadeVia = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MadeAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseRef = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RefundAmount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    RefundCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    WarnedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FulfilledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FulfilledByInteractionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WithdrawalToldVia = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    WithdrawalToldAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawalText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WithdrawnByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    NextAlarmAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Promises", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Promises_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Promises_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Promises_Interactions_FulfilledByInteractionId",
                        column: x => x.FulfilledByInteractionId,
                        principalTable: "Interactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_CustomerId_State_DueAt",
                table: "Promises",
                columns: new[] { "CustomerId", "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_FulfilledByInteractionId",
                table: "Promises",
                column: "FulfilledByInteractionId");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_NextAlarmAt",
                table: "Promises",
                column: "NextAlarmAt",
                filter: "\"NextAlarmAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Promises_OwnerUserId_State_DueAt",
                table: "Promises",
                columns: new[] { "OwnerUserId", "State", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Promises");
        }
    }
}
