using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OwnerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    MadeByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    MadeByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MadeVia = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MadeAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseRef = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RefundAmount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    RefundCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    WarnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FulfilledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FulfilledByInteractionId = table.Column<Guid>(type: "uuid", nullable: true),
                    WithdrawalToldVia = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    WithdrawalToldAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawalText = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    WithdrawnByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    NextAlarmAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
