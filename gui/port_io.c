/* Port access: writes through the host, the model's view of the values,
 * and which path a control applies to. */
#include "port_io.h"

void port_update_model(balun_ui *ui)
{
  ui->setup = setup_from_ports(ui->value);
  for (int p = 0; p < 2; ++p) {
    const balun_path path = (balun_path)ui->value[PORT_PATH_A + p];
    const balun_headphone_kind kind =
        (balun_headphone_kind)ui->value[PORT_HEADPHONE_A + p];
    ui->ifc[p] = interface_of(path, &ui->setup);
    ui->hp[p] = headphone_of(kind, &ui->setup);
    path_hum_solved(path, &ui->setup, p, ui->solver, &ui->hum[p]);
    ui->figures[p] = path_figures_with(path, kind, &ui->setup, &ui->hum[p]);
    /* the chain's headroom without its headphone stage is the receiver's:
     * which of the two clips first */
    ui->receiver_headroom_db[p] =
        kind == HEADPHONE_NONE
            ? ui->figures[p].headroom_db
            : path_figures_with(path, HEADPHONE_NONE, &ui->setup, &ui->hum[p])
                  .headroom_db;
  }
}

void port_write(balun_ui *ui, balun_port port, float value)
{
  value = port_sanitize(port, value);
  ui->value[port] = value;
  ui->known[port] = true;
  port_update_model(ui);
  if (ui->write) ui->write(ui->host, port, value);
  ui->dirty = true;
}

bool control_applies(const balun_ui *ui, balun_port port, int path)
{
  const balun_path p = (balun_path)ui->value[PORT_PATH_A + path];
  const balun_interface *ifc = &ui->ifc[path];
  balun_setup probe = ui->setup;
  const bool headphones = ui->hp[path].kind != HEADPHONE_NONE;
  switch (port) {
  case PORT_HEADPHONE_A: /* each path's own output */
  case PORT_HEADPHONE_B:
    return (int)port == PORT_HEADPHONE_A + path;
  case PORT_RETURN_RESISTANCE: /* the sleeve both drivers share, if they do */
    return ui->hp[path].shared_ohm > 0;
  case PORT_GROUND_VOLTAGE: /* what drives a three-prong loop */
  case PORT_GROUND_IMPEDANCE:
    return !ui->setup.two_prong;
  case PORT_LEAKAGE_CURRENT: /* what drives a two-prong loop */
    return ui->setup.two_prong;
  case PORT_INPUT_IMPEDANCE: /* the load of an unbalanced receiver */
    return !ifc->balanced_receiver;
  case PORT_RECEIVER:
  case PORT_PIN1_PROBLEM: /* the receiver's wiring of pin 1 */
    return ifc->balanced_receiver;
  case PORT_RECEIVER_MISMATCH: /* a difference amplifier's resistors */
    return ifc->balanced_receiver &&
           receiver_data(ui->setup.receiver).trimmed_ratio;
  case PORT_STAR_QUAD: /* a pair cable that can be star-quad */
    probe.star_quad = true;
    return interface_of(p, &probe).star_quad;
  case PORT_SOURCE_IMBALANCE: /* a second source leg to unbalance */
    probe.imbalance_ohm += 1.0;
    return interface_of(p, &probe).zs_cold != ifc->zs_cold;
  default: /* the rest of the headphone stage where there is one */
    return !(balun_ports[port].flags & PORT_HEADPHONE_STAGE) || headphones;
  }
}
